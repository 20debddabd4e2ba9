package io.devplace.sequence;

import io.devplace.model.MoveMode;

import java.util.List;

/** A VM's move as the sequencer orders it. */
public record SeqMove(String vm, MoveMode mode, String from, String to, long cpus, long memoryMiB, long priority,
                      List<SeqDevice> devices) {}
