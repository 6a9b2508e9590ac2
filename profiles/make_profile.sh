#!/bin/sh
# Rebuilds brochure-coated-fogra39.icc from Fogra's FOGRA39 characterisation
# data, as Debian ships it (icc-profiles-free), with ArgyllCMS's colprof.
#   apt-get install icc-profiles-free argyll
# Run from this folder. colprof writes the date into the profile's header,
# so a new run gives a profile that differs in those bytes only.
set -e
cp /usr/share/color/icc/FOGRA39L.ti3 brochure-coated-fogra39.ti3
colprof -v -qm -nc -kr -l330 \
  -A "brochure" -M "Coated offset, FOGRA39" \
  -D "brochure Coated FOGRA39 (ISO 12647-2:2004)" \
  -C "Profile: no copyright, Zlib licence (see profiles/README.md); data: FOGRA39L, Fogra, via icc-profiles-free (Zlib)" \
  brochure-coated-fogra39
rm brochure-coated-fogra39.ti3
