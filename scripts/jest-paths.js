// Maps the tsconfig path aliases (@lib/…) for jest, from tsconfig.base.json so there is one source.
const { compilerOptions } = require('../tsconfig.base.json');

exports.pathsToModuleNameMapper = () => {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    const key = '^' + alias.replace('/*', '/(.*)') + '$';
    mapper[key] = '<rootDir>/' + target.replace(/^\.\//, '').replace('/*', '/$1');
  }
  return mapper;
};
