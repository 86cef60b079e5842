"""Front ends of tinbot: the command line, the REPL and the Telegram bot."""
