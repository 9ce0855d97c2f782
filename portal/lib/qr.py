"""QR codes as data: URIs for an <img> (the CSP allows data: images; an <img> has alt text)."""

import segno


def qr_data_uri(text, scale=6):
    """An SVG QR code of `text` as a data: URI; quiet zone included, error correction M."""
    return segno.make(text, error="m").svg_data_uri(scale=scale, dark="#000", light="#fff")
