package io.devplace.server;

import java.util.List;
import java.util.stream.Collectors;

/**
 * ExtenderArgs as kube-scheduler sends them: a core/v1 Pod encoded by Go (lower-camel keys inside, {@code null} for
 * nil, zero timestamps as null), and either a NodeList ({@code nodeCacheCapable: false}) or node names (true).
 */
final class KubePods {
    private KubePods() {}

    /** A virt-launcher-like pod; {@code annotations} and {@code limits} are JSON object bodies (without braces) or null. */
    static String pod(String name, String annotations, String limits) {
        return """
                {"metadata":{"name":"%s","generateName":"virt-launcher-vm1-","namespace":"vms","uid":"6f0c2a4e-1b1d-4c55-9e7a-3c1d2b0f9a11",
                  "resourceVersion":"81234","creationTimestamp":"2026-11-25T10:00:00Z","deletionTimestamp":null,
                  "labels":{"kubevirt.io":"virt-launcher","vm.kubevirt.io/name":"vm1"},
                  "annotations":%s,
                  "ownerReferences":[{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachineInstance","name":"vm1","uid":"u-vmi","controller":true,"blockOwnerDeletion":true}]},
                 "spec":{"volumes":null,"initContainers":null,
                  "containers":[{"name":"compute","image":"quay.io/kubevirt/virt-launcher:v1.4.0","command":["/usr/bin/virt-launcher"],
                     "resources":{"limits":%s,"requests":{"cpu":"4","memory":"8Gi"}},"terminationMessagePath":"/dev/termination-log"},
                    {"name":"sidecar","image":"busybox","resources":{"limits":null,"requests":null}}],
                  "restartPolicy":"Never","terminationGracePeriodSeconds":30,"nodeSelector":{"kubevirt.io/schedulable":"true"},
                  "serviceAccountName":"default","schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
                  "priority":0,"enableServiceLinks":false,"preemptionPolicy":"PreemptLowerPriority"},
                 "status":{"phase":"Pending","qosClass":"Burstable","conditions":null}}
                """.formatted(name, annotations == null ? "null" : "{" + annotations + "}", limits == null ? "null" : "{" + limits + "}");
    }

    static String devicesAnnotation(String jsonList) {
        return "\"devplace.io/devices\":" + TestService.JSON.valueToTree(jsonList);
    }

    static String migrateFrom(String vm) { return "\"devplace.io/migrate-from\":\"" + vm + "\""; }

    /** nodeCacheCapable: true — NodeNames only, Nodes null. */
    static String argsByName(String pod, List<String> nodes) {
        String names = nodes.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","));
        return "{\"Pod\":" + pod + ",\"Nodes\":null,\"NodeNames\":[" + names + "]}";
    }

    /** nodeCacheCapable: false — a full NodeList, NodeNames null. */
    static String argsWithNodes(String pod, List<String> nodes) {
        String items = nodes.stream().map(KubePods::node).collect(Collectors.joining(","));
        return "{\"Pod\":" + pod + ",\"Nodes\":{\"metadata\":{\"resourceVersion\":\"9\"},\"items\":[" + items + "]},\"NodeNames\":null}";
    }

    static String node(String name) {
        return """
                {"metadata":{"name":"%s","uid":"uid-%s","resourceVersion":"77","creationTimestamp":"2026-01-01T00:00:00Z",
                  "labels":{"kubernetes.io/hostname":"%s","kubevirt.io/schedulable":"true"},"annotations":null},
                 "spec":{"podCIDR":"10.244.1.0/24","taints":null,"unschedulable":false},
                 "status":{"capacity":{"cpu":"128","memory":"1056766836Ki","pods":"110","nvidia.com/NVIDIA_A16-4Q":"16"},
                   "allocatable":{"cpu":"127","memory":"1056664436Ki","pods":"110"},
                   "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":null,"lastTransitionTime":"2026-01-01T00:00:00Z","reason":"KubeletReady","message":"kubelet is posting ready status"}],
                   "addresses":[{"type":"InternalIP","address":"10.0.0.1"}],"nodeInfo":{"kubeletVersion":"v1.34.1"}}}
                """.formatted(name, name, name);
    }
}
