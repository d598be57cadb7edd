from spread.parts import load

load("admin")
