package io.devplace.problem;

import io.devplace.model.Host;
import io.devplace.model.Vm;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the solver needs for one evacuation: the VMs that may move with their options, the target hosts, the
 * free mdevs that may be removed, and who stays where (for anti-affinity); and what is derived from it once
 * ({@link Derived}).
 */
public record PlanningProblem(FleetView view, PlanRequest request, Set<String> emptied, List<VmRequest> requests,
                              List<VmRequest> notMovable, Map<String, HostView> hosts, List<FreeMdev> freeMdevs,
                              List<GroupMember> stayingGroupMembers, Derived derived) {

    /** A VM that does not move and belongs to an anti-affinity group, on its host. */
    public record GroupMember(String host, String group, String vm) {}

    public boolean isEmptied(Host h) { return emptied.contains(h.name()); }

    public List<VmRequest> evacuees() { return requests.stream().filter(VmRequest::evacuee).toList(); }

    public Vm vm(String name) { return view.fleet().vm(name); }
}
