"""Image renditions through easy-thumbnails aliases, as WebP, made once when the image is saved.

Pages only compute the rendition's name and URL, so showing an image costs no query and no
file access; sizes are exact because every alias crops (and upscales small images).
"""

from easy_thumbnails.alias import aliases
from easy_thumbnails.files import get_thumbnailer


def _alias_target(field_file):
    field = field_file.field
    return f"{field.model._meta.label}.{field.name}"


def _thumbnailer(field_file):
    thumbnailer = get_thumbnailer(field_file)
    thumbnailer.thumbnail_extension = "webp"
    thumbnailer.thumbnail_transparency_extension = "webp"
    thumbnailer.thumbnail_preserve_extensions = False
    return thumbnailer


def _options(field_file, alias):
    options = aliases.get(alias, target=_alias_target(field_file))
    if options is None:
        raise KeyError(f"No thumbnail alias {alias!r} for {_alias_target(field_file)}")
    return options


def generate_renditions(field_file):
    """Create every alias of this field's target; call after saving a model with an image."""
    if not field_file:
        return
    thumbnailer = _thumbnailer(field_file)
    for options in aliases.all(target=_alias_target(field_file)).values():
        thumbnailer.get_thumbnail(options)


def rendition(field_file, alias):
    """{'url', 'width', 'height'} of one alias, without touching the database or the disk."""
    if not field_file:
        return None
    options = _options(field_file, alias)
    thumbnailer = _thumbnailer(field_file)
    name = thumbnailer.get_thumbnail_name(options)
    width, height = options["size"]
    return {"url": thumbnailer.thumbnail_storage.url(name), "width": width, "height": height}
