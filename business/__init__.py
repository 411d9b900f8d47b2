"""the partnership's business: national agenda tracker, independent scrutiny, communication, voice of the child (issue 14)"""
