import org.quartz.*;
import org.quartz.impl.StdSchedulerFactory;
import java.nio.file.*;
import java.util.Properties;

/** Measures how long Quartz's clustered JDBC job store takes to re-run, on another node, a requestsRecovery job whose node was killed. */
public class QuartzTakeover {
    public static class LongJob implements Job {
        public void execute(JobExecutionContext ctx) {
            try {
                String line = ctx.getScheduler().getSchedulerInstanceId() + " " + System.currentTimeMillis() + " recovering=" + ctx.isRecovering() + "\n";
                Files.writeString(Path.of(System.getProperty("out")), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                while (true) Thread.sleep(1000);
            } catch (Exception e) { }
        }
    }

    public static void main(String[] a) throws Exception {
        String url = a[0], node = a[1], role = a[2];
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "bench");
        p.setProperty("org.quartz.scheduler.instanceId", node);
        p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "ds");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", a[3]);
        p.setProperty("org.quartz.dataSource.ds.driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource.ds.URL", url);
        p.setProperty("org.quartz.dataSource.ds.user", "postgres");
        p.setProperty("org.quartz.dataSource.ds.password", "");
        p.setProperty("org.quartz.dataSource.ds.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.ds.maxConnections", "4");
        Scheduler s = new StdSchedulerFactory(p).getScheduler();
        s.start();
        if (role.equals("runner")) {
            JobDetail job = JobBuilder.newJob(LongJob.class).withIdentity("export-1").storeDurably().requestRecovery().build();
            s.scheduleJob(job, TriggerBuilder.newTrigger().startNow().build());
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
