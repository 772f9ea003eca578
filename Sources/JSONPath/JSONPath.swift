// JSONPath module: see the helper working on issue 5.
import SpecSource
