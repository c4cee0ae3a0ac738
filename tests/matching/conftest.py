import pytest

from crmcore.matching import fit
from crmcore.testing import generate_duplicates


@pytest.fixture(scope="session")
def generated():
    """Generated parties of every market, with known duplicates."""
    return generate_duplicates(3000, seed=5)


@pytest.fixture(scope="session")
def trained(generated):
    """A model fitted, without labels, to the generated parties."""
    return fit(generated.parties())
