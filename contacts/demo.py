"""Demo content for this app, loaded by `manage.py load_demo`."""


def load():
    return ""
