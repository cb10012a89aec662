"""The pure core: scenario model, loader and validator, conditions, graph analysis, play state,
scoring and debrief. Nothing here imports pygame or touches the screen, the clock or the network;
given the same inputs it always gives the same outputs."""
