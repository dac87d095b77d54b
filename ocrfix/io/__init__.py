"""Reading inputs and writing outputs safely."""
