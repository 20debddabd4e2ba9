package io.devplace.importers;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parent driver as the kernel names it inside every mdev type id: {@code mdev_type_add} forms the id as
 * {@code "<driver>-<type>"} from {@code dev_driver_string(parent)}, so the prefix before the first {@code -} is the
 * parent's driver ({@code nvidia-713} → nvidia, {@code vfio_ccw-io} → vfio_ccw). Used when a source does not say.
 */
final class ParentDrivers {
    private ParentDrivers() {}

    /** The driver prefix of a type id, or null when the id has no {@code -} (then it was not made by the kernel). */
    static String ofType(String typeId) {
        if (typeId == null) return null;
        int dash = typeId.indexOf('-');
        return dash <= 0 ? null : typeId.substring(0, dash);
    }

    /**
     * The one driver all {@code typeIds} name, or throws {@link IllegalArgumentException} with a sentence saying why
     * there is none: a type id without a prefix, or types of different drivers on one parent.
     */
    static String common(Collection<String> typeIds) {
        Set<String> drivers = new TreeSet<>();
        for (String t : typeIds) {
            String d = ofType(t);
            if (d == null)
                throw new IllegalArgumentException("type id '" + t + "' has no driver prefix (the kernel names types <driver>-<name>, e.g. nvidia-713)");
            drivers.add(d);
        }
        if (drivers.size() > 1)
            throw new IllegalArgumentException("its type ids name different drivers " + drivers + "; one parent has one driver");
        return drivers.isEmpty() ? null : drivers.iterator().next();
    }
}
