"""The Telegram adapter: PTB Application, handlers, keyboards and user-facing texts."""
