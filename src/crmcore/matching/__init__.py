"""Duplicate matching: find, explain and cluster the parties entered twice.

* :func:`find_duplicates`: block, compare, score (a Fellegi-Sunter model fitted
  by EM on the data itself, no labels needed), suggest a threshold with its
  expected precision and recall, and cluster;
* :func:`fit` and :class:`Model`: fit a model once (by EM, or from labelled
  pairs), save it as JSON, and score new batches with it;
* :func:`compare`: the evidence for one pair, field by field;
* :class:`Settings` and the comparisons: what is compared, as data;
* :func:`plan_merge`, :func:`merge` and :func:`unmerge`: a cluster made one
  party by survivorship rules (:class:`SurvivorshipRules`), previewed, applied
  whole by the store, and undone exactly.

Needs numpy: ``pip install crmcore[matching]``.
"""

# First: without numpy, an error that names the extra, not numpy's ImportError.
from crmcore.matching import _extra as _extra
from crmcore.matching._blocking import BlockingReport, KeyReport
from crmcore.matching._columns import Field
from crmcore.matching._comparisons import (
    AddressComparison,
    BirthDateComparison,
    Comparison,
    FamilyNameComparison,
    GivenNameComparison,
    OrganizationNameComparison,
    SharedValueComparison,
    TextComparison,
    comparison_from_dict,
)
from crmcore.matching._explain import Evidence, Explanation
from crmcore.matching._find import Duplicates, ScoredPair, compare, find_duplicates, fit
from crmcore.matching._in_store import Matches, find_store_duplicates, match
from crmcore.matching._merge import merge, unmerge
from crmcore.matching._model import Model
from crmcore.matching._settings import BlockingKey, Settings, default_comparisons
from crmcore.matching._similarity import Scorer
from crmcore.matching._survivorship import (
    Conflict,
    MergePlan,
    Rule,
    SurvivorshipRules,
    plan_merge,
)
from crmcore.matching._threshold import Threshold, suggest_threshold

__all__ = [
    "AddressComparison",
    "BirthDateComparison",
    "BlockingKey",
    "BlockingReport",
    "Comparison",
    "Conflict",
    "Duplicates",
    "Evidence",
    "Explanation",
    "FamilyNameComparison",
    "Field",
    "GivenNameComparison",
    "KeyReport",
    "Matches",
    "MergePlan",
    "Model",
    "OrganizationNameComparison",
    "Rule",
    "ScoredPair",
    "Scorer",
    "Settings",
    "SharedValueComparison",
    "SurvivorshipRules",
    "TextComparison",
    "Threshold",
    "compare",
    "comparison_from_dict",
    "default_comparisons",
    "find_duplicates",
    "find_store_duplicates",
    "fit",
    "match",
    "merge",
    "plan_merge",
    "suggest_threshold",
    "unmerge",
]


def __dir__() -> list[str]:
    # Only the public surface: not the private modules that import as attributes.
    return sorted(__all__)
