from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, tolerant of third-party CSS under vendor/.

    Packaged stylesheets (jQuery UI's theme) refer to images their package does not ship; those
    references are left as they are instead of failing collectstatic. Our own files stay strict.

    Only the hashed copies are compressed: pages link to nothing else. The copies under their
    plain names stay for scripts that build an address at run time (the admin's icons) and are
    served as they are; compressing them too doubled the Brotli work of every deploy.
    """

    def compress_files(self, paths):
        hashed = set(self.hashed_files.values())
        return super().compress_files([path for path in paths if path in hashed])

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def tolerant(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                if name.startswith("vendor/"):
                    return matchobj.group(0)
                raise

        return tolerant
