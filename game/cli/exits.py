"""Exit statuses every command uses: 0 done, 1 the play or check did not succeed, 2 the input
(a scenario, a save, an argument) has a problem the user must fix."""

EXIT_OK, EXIT_FAIL, EXIT_AUTHORING = 0, 1, 2
