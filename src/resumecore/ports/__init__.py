"""Ports: the Protocols the core needs from the outside world. Adapters implement them."""
