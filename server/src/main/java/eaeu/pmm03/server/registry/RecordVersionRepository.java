package eaeu.pmm03.server.registry;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface RecordVersionRepository extends JpaRepository<RecordVersion, Long> {

    @Query("select v from RecordVersion v where v.activeKeyHash = :hash")
    Optional<RecordVersion> findActive(String hash);

    @Query("select v from RecordVersion v where v.recordId = :recordId order by v.versionNo")
    List<RecordVersion> history(String recordId);

    @Query("select v from RecordVersion v where v.createdByEdocId = :edocId or v.closedByEdocId = :edocId order by v.id")
    List<RecordVersion> touchedBy(String edocId);
}
