// What every `gongkai application …` command needs: the database (migrated, as `import records`
// does), the application service (built-in 节假日安排 plus the years loaded into the database)
// and today's date.
import type { IsoDate } from '../../domain/report/compute/report-records.ts';
import type { ApplicationService } from '../../server/applications/application.service.ts';
import { createApplicationService, todayInChina } from '../../server/applications/application.service.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { CliIo } from '../cli-io.ts';
import { databaseUrlFor } from './database-url.ts';

export interface ApplicationCommandDeps {
  /** Today in China by default; tests fix it so days left and due-soon are known. */
  today?: () => IsoDate;
}

/** Runs `work` with a service on the database from --database or DATABASE_URL, then closes it. */
export async function withApplicationService<T>(database: string | undefined, io: CliIo, deps: ApplicationCommandDeps, work: (service: ApplicationService, today: IsoDate) => Promise<T>): Promise<T> {
  const connection = await connectDatabase(databaseUrlFor(database, io));
  try {
    await migrateToLatest(connection.db);
    const today = deps.today ?? todayInChina;
    const service = createApplicationService({ db: connection.db, today });
    return await work(service, today());
  } finally {
    await connection.close();
  }
}
