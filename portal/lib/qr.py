"""QR codes as data: URIs for an <img> (the CSP allows data: images; an <img> has alt text)."""

import functools

import segno


# The same few addresses again and again (a neighbourhood's plan, on a validated host): drawing
# one costs more than the rest of the page.
@functools.lru_cache(maxsize=256)
def qr_data_uri(text, scale=6):
    """An SVG QR code of `text` as a data: URI; quiet zone included, error correction M."""
    return segno.make(text, error="m").svg_data_uri(scale=scale, dark="#000", light="#fff")
