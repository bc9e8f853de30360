"""Files in S3-compatible object storage (``S3_BUCKET``, django-storages): a logo and a large
export go into the bucket and come back through the views that serve them, so no web host or
worker keeps a file of its own. moto plays the object store."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.common.exports import export_job_run
from omzien.common.services import Actor
from omzien.common.tests.factories import ExportJobFactory
from omzien.conf.base import s3_storage
from omzien.tenants import services as tenant_services
from omzien.tenants.tests.test_municipality_texts import _image
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db

BUCKET = "omzien-bestanden"
REGION = "eu-central-1"


@pytest.fixture
def bucket(settings, monkeypatch):
    """An empty bucket, and the default storage in it as ``S3_BUCKET`` would set it."""
    # Imported here: boto3 and moto take a third of a second to import, which every test
    # process would pay while collecting this module.
    import boto3
    from moto import mock_aws

    store = {"S3_REGION": REGION, "S3_ACCESS_KEY_ID": "test", "S3_SECRET_ACCESS_KEY": "test"}
    for name, value in {**store, "S3_PREFIX": "omzien"}.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client(
            "s3", region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test"
        )
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage(BUCKET)}
        yield client


def objects(client) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
        for item in listed
    }


def test_a_logo_is_kept_in_the_bucket_and_served_from_it(bucket, client, heerde, admin_heerde):
    logo = _image()
    tenant_services.municipality_update_texts(
        municipality=heerde,
        version=heerde.version,
        data={},
        logo=SimpleUploadedFile("logo.png", logo, content_type="image/png"),
        actor=Actor(user=admin_heerde),
    )
    assert objects(bucket) == {"omzien/municipality-logos/heerde.png": logo}
    acl = bucket.get_object_acl(Bucket=BUCKET, Key="omzien/municipality-logos/heerde.png")
    assert all(grant["Grantee"].get("URI") is None for grant in acl["Grants"])  # not public
    response = client.get(reverse("tenants:logo", args=[heerde.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == logo


def test_a_large_export_is_kept_in_the_bucket_and_downloaded_from_it(
    bucket, client, heerde, make_member
):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    job = ExportJobFactory(municipality=heerde, created_by=consultant)
    assert export_job_run(job_id=job.pk, task_id="task-1") == "done"
    [(key, content)] = objects(bucket).items()
    assert key.startswith("omzien/exports/") and key.endswith(".csv")
    login_verified(client, consultant)
    response = client.get(reverse("common:export_download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
