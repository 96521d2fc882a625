"""The writers' rules, one module per family. Importing a module registers its rules."""
