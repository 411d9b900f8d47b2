"""case audits, Section 11, Section 175/157, surveys and self-assessments on one question-set engine (issue 12)"""
