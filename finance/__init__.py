"""the partnership's budget by financial year: contributions, income, spending, reserves (issue 14)"""
