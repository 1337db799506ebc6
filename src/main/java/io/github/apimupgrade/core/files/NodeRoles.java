package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.settings.NodeRole;

import java.util.EnumSet;
import java.util.Set;

/** Which node of a distributed deployment each kind of artifact belongs to, as the runbook says. */
public final class NodeRoles {
    private NodeRoles() {
    }

    /** Runbook Step 1.6: "follow this step on the Gateway node". */
    public static final Set<NodeRole> SYNAPSE = EnumSet.of(NodeRole.ALL_IN_ONE, NodeRole.GATEWAY);

    /** Runbook Step 1.7: "follow this step on the Traffic Manager node". */
    public static final Set<NodeRole> EXECUTION_PLANS = EnumSet.of(NodeRole.ALL_IN_ONE, NodeRole.TRAFFIC_MANAGER);

    /** deployment.toml, drivers, dropins, lib, keystores, embedded databases: every node has them. */
    public static final Set<NodeRole> EVERY_NODE = EnumSet.allOf(NodeRole.class);
}
