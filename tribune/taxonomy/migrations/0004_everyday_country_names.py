from django.db import migrations


def rename(apps, schema_editor):
    """Countries ISO names formally ("Russian Federation") take the name readers know, and its slug."""
    from django.utils.text import slugify

    from tribune.taxonomy.country_names_everyday import EVERYDAY_NAMES

    Country = apps.get_model("taxonomy", "Country")
    for code, name in EVERYDAY_NAMES.items():
        Country.objects.filter(code=code).update(name=name, slug=slugify(name))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_topic_translations")]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
