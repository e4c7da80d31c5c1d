"""Pictures of a plan: where activities sit in time (the page's SVG, the PNG for chat)."""
