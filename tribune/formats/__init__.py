"""Tribune's date, time and number formats per language, found by Django through ``FORMAT_MODULE_PATH``.

A language with a module here takes each format from it first and the rest from Django's own
``django/conf/locale/<lang>/formats.py``; a language without one (English, Russian) uses Django's as they are.
"""
