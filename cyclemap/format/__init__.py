"""The file format (version 1, a contract): the model, the safe YAML reader, the format's
words in Spanish and English, the JSON Schema, settings files and survey ratings.
Pure: nothing here writes anything or prints."""
