"""`python3 -m gazetteer_builder` (from Scripts/): the same as Scripts/build-gazetteers.py."""
from .cli import main

if __name__ == "__main__":
    main()
