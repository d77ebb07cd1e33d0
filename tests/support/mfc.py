"""The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014; Card et al. 2015) as kit frame
ids, in the codebook's order: written out once, so the tests check the shipped files against the
published list rather than against the kit's own reading of them."""

MFC_IDS = [
    "economic",
    "capacity_and_resources",
    "morality",
    "fairness_and_equality",
    "legality",
    "policy_prescription",
    "crime_and_punishment",
    "security_and_defense",
    "health_and_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_and_reputation",
    "other",
]
