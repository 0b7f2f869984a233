"""PLOVER and CAMEO as typed objects loaded from the data files beside this module."""
from .model import CameoCode, CodingPolicy, Ontology, PloverType, load_ontology

__all__ = ["CameoCode", "CodingPolicy", "Ontology", "PloverType", "load_ontology"]
