"""Rendering: plan → template context → docxtpl → .docx bytes → atomic write."""
