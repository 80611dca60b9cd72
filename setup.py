"""Maps the folder site/ to the import name herald_site (the standard library owns "site")."""

from setuptools import find_packages, setup

site_packages = ["herald_site", *(f"herald_site.{name}" for name in find_packages("site"))]
service_packages = find_packages(include=["service", "service.*"])

setup(packages=site_packages + service_packages, package_dir={"herald_site": "site"})
