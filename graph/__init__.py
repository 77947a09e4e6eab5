"""Graph model, identity rules and stores."""
