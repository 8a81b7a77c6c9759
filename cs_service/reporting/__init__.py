"""Figures computed from the records (aggregated in the database), shared by the Script
Reports, the number cards and the monthly slide decks."""
