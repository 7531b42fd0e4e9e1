"""nbgrader's settings for the workbook's graded exercises (run nbgrader from this folder)."""

import os

c = get_config()  # noqa: F821  (nbgrader provides get_config when it reads this file)

# The course folder is this one: source/ holds the assignment as the teacher writes it;
# nbgrader makes release/, submitted/, autograded/ and feedback/ beside it.
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# The assignment notebooks load the case file, weigh it and build the exercises:
# allow a slow machine a minute per cell.
c.ExecutePreprocessor.timeout = 60
