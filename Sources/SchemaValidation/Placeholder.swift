import SpecSource
