package io.podsnap.protocol.checkpoint;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;

/**
 * The pod-level seccomp profile of checkpoint sources and restore targets. CRIU cannot dump io_uring mappings, so
 * both sides run under a Localhost profile that blocks io_uring (by default {@code profiles/block-iouring.json}).
 * An empty profile means "leave the pod as it is" (OpenShift, or a CRIU that handles io_uring).
 */
public final class Seccomp {
    private Seccomp() {}

    /** The seccomp profile type the protocol uses. */
    public static final String TYPE_LOCALHOST = "Localhost";

    /**
     * Sets {@code securityContext.seccompProfile = {Localhost, profile}}, keeping every other security-context field
     * (runAsUser, fsGroup, ...). A null or blank profile leaves the spec unchanged. Mutates {@code podSpec}.
     */
    public static void applyLocalhost(PodSpec podSpec, String profile) {
        if (profile == null || profile.isBlank()) {
            return;
        }
        PodSecurityContext sc = podSpec.getSecurityContext();
        if (sc == null) {
            sc = new PodSecurityContext();
            podSpec.setSecurityContext(sc);
        }
        sc.setSeccompProfile(new SeccompProfile(profile, TYPE_LOCALHOST));
    }

    /** Renders a profile the way validation messages show it: {@code Localhost/profiles/x.json} or {@code RuntimeDefault}. */
    public static String describe(SeccompProfile profile) {
        if (profile == null) {
            return "none";
        }
        String type = profile.getType() == null ? "" : profile.getType();
        return profile.getLocalhostProfile() == null || profile.getLocalhostProfile().isEmpty()
                ? type : type + "/" + profile.getLocalhostProfile();
    }
}
