"""Original demo content written for Tribune: data only, loaded by the demo loader."""
