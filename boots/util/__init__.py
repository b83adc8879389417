"""Small utilities every layer may use: project paths (``config``) and atomic writes (``atomic``)."""
