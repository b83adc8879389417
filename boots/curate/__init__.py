"""Curation tools: adding an article, drafting its mentions, accepting a reviewed draft, and
measuring the drafting assistant against the curated tables.

They sit above the data layer (they read and append to the curated tables through it) and
beside the analyses; nothing below imports them.
"""
