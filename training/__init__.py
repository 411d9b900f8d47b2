"""the multi-agency programme, bookings, attendance, evaluations, events and e-learning (issue 13)"""
