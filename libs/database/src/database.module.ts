import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseOptions } from './data-source-options';
import { migrate } from './migrate';

/** Connects a service to its schema and applies its migrations before anything else starts. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(options),
          dataSourceFactory: async (typeormOptions) => {
            const dataSource = await new DataSource(typeormOptions!).initialize();
            const applied = await migrate(dataSource, options.schema);
            new Logger(DatabaseModule.name).log(
              { schema: options.schema, applied: applied.map((m) => m.name) },
              applied.length ? 'migrations applied' : 'schema up to date',
            );
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
