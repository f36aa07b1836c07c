from django.db import migrations


def load_countries(apps, schema_editor):
    import pycountry
    from django.utils.text import slugify

    Country = apps.get_model("taxonomy", "Country")
    Country.objects.bulk_create(
        [
            Country(
                code=record.alpha_2,
                name=getattr(record, "common_name", None) or record.name,
                slug=slugify(getattr(record, "common_name", None) or record.name),
            )
            for record in pycountry.countries
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
