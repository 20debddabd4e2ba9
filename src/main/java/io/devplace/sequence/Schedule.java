package io.devplace.sequence;

import java.util.List;
import java.util.Map;

/**
 * The sequencer's result: the wave of each scheduled move, the slot offset chosen for each new instance
 * (by new uuid; absent on parents without slots), and the moves that could not be ordered feasibly (dropped).
 */
public record Schedule(Map<String, Integer> waveOf, Map<String, Long> placementOf, List<SeqMove> scheduled, List<SeqMove> dropped,
                       int waves) {}
