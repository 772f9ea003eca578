print("spec-check")
