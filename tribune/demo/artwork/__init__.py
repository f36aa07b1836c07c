"""Pictures the demo draws for itself: locator maps, charts, section compositions and expert portraits."""
