package io.jurist.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What identifies the input in the decision log: the SHA-256 of the bytes of every file the table was read from,
 * in the order of their paths (each file's name and length hashed before its bytes, so that moving bytes between files
 * changes it), or, for a source that is not a set of files (a catalogue table), the SHA-256 of an identity the
 * caller gives, such as the table's name and snapshot id.
 */
final class InputIdentity {

    private InputIdentity() {
    }

    static String ofFiles(Dataset<Row> table, Configuration hadoop) {
        String[] files = table.inputFiles();
        if (files.length == 0) {
            throw new IllegalArgumentException("The input has no files to hash: give --input-id (e.g. a table's "
                    + "name and snapshot id)");
        }
        Arrays.sort(files);
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try {
            for (String file : files) {
                Path path = new Path(file);
                FileSystem fs = path.getFileSystem(hadoop);
                long length = fs.getFileStatus(path).getLen();
                sha.update((path.getName() + "\n" + length + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = fs.open(path)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    static String ofName(String identity) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(identity.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
