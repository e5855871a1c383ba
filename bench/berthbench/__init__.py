"""Berth's benchmark: generated fixtures, the peers that run on them, and the driver that times them."""
