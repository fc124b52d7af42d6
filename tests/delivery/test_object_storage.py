"""With S3 settings, media go to object storage through django-storages, not to local disk.

A real S3-compatible server runs on loopback (moto's server: an S3 implementation, not a mock
of the portal's code). A process with the production settings uploads an image the way the
admin does and makes a rendition; both are then read back from the bucket over HTTP.
"""

import base64
import json
import subprocess
import sys
import urllib.request

import pytest
from django.conf import settings

from scripts.prodserver import free_port, production_env
from tests.conftest import test_database_url


def png_bytes():
    """A real 2×2 PNG, made with Pillow (which Wagtail uses to make renditions)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "navy").save(buffer, "PNG")
    return buffer.getvalue()


UPLOAD = """
import base64, django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from wagtail.images.models import Image
image = Image.objects.create(title="pixel", file=ContentFile(base64.b64decode({png!r}), "pixel.png"))
rendition = image.get_rendition("width-2")
print(type(storages["default"]).__name__)
print(image.file.name, image.file.url)
print(rendition.file.name, rendition.url)
"""


@pytest.fixture
def s3_server():
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-west-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106 - the local test server's
    )
    s3.create_bucket(
        Bucket="portal-media", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    # Media are public, as docs/deployment.md asks of the bucket.
    s3.put_bucket_policy(
        Bucket="portal-media",
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::portal-media/*",
                    }
                ],
            }
        ),
    )
    yield endpoint
    server.stop()


def test_uploaded_images_and_renditions_are_stored_in_the_bucket(transactional_db, s3_server):
    from wagtail.models import Collection

    if not Collection.objects.exists():  # an earlier transactional test flushed the database
        Collection.add_root(name="Root")
    env = production_env(
        test_database_url(),
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL=s3_server,
        AWS_S3_REGION_NAME="eu-west-1",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        MEDIA_ROOT="/nonexistent-media-root",  # nothing may be written to local disk
    )
    result = subprocess.run(
        [sys.executable, "-c", UPLOAD.format(png=base64.b64encode(png_bytes()).decode())],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    backend, original, original_url, rendition, rendition_url = result.stdout.split()
    assert backend == "S3Storage"
    assert original.startswith("original_images/") and rendition.startswith("images/")
    # The URLs the site puts in its pages point into the bucket, and anyone can read them.
    assert original_url == f"{s3_server}/portal-media/{original}"
    assert rendition_url == f"{s3_server}/portal-media/{rendition}"
    for url in (original_url, rendition_url):
        with urllib.request.urlopen(url) as response:  # noqa: S310 - loopback test server
            assert response.read().startswith(b"\x89PNG"), url
    with urllib.request.urlopen(original_url) as response:  # noqa: S310
        assert response.read() == png_bytes()
